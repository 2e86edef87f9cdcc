"""Test support beside the root conftest.py (NetBox's utilities/testing): the factories that
make households, blocks and titles, and small readers the tests share. Only tests import it."""
