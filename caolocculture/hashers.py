"""How passwords are kept: Argon2id at OWASP's recommended parameters (Password Storage Cheat
Sheet: 19 MiB of memory, 2 passes, 1 lane).

Django's default, PBKDF2-SHA256 at 1,000,000 rounds, costs 0.2–0.3 s of a core at each sign-in; on a
commune's 2-core server, the morning's sign-ins queued every other request behind them (docs/speed.md).
Argon2id costs about 30 ms here and, needing 19 MiB per guess, is harder to crack on a GPU than
PBKDF2 is at any number of rounds. Hashes kept with an older hasher or other parameters are
rewritten at the user's next sign-in (Django's must_update)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    # Same algorithm name ("argon2") and encoding as Django's own: only the cost differs.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
