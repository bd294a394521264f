import os

# Playwright's sync API runs an event loop in the test thread; Django's guard
# against ORM calls from async code would otherwise trip in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
