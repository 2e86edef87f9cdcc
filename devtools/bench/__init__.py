"""The bench: speed figures that `python manage.py bench` prints as JSON.

Everything it writes happens inside transactions rolled back at the end, so it can run
against a database in use. Each timing comes with its floor measured in the same run
(openpyxl alone reading the same file, the raw SQL a page cannot do without, a one-page
PDF) and the ratio, so that figures compare across machines.

    measure.py           timing, a page's time and query count, the ratio to a floor
    floors.py            the floors themselves
    household_import.py  the households spreadsheet import (preview and confirm)
    meetings.py          a block's meeting sheet and a decision over several blocks
    commune.py           the commune as it is: the import, then its pages with the rows in place
    district_data.py     district-scale data: 100 blocks, years of recognitions and figures
    district.py          the dashboard, the engine, the lists and the year-end PDF at that scale
"""
