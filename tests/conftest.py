import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the production hasher makes every sign-in slow; tests need not pay it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see freshly rendered pages; tests/site/test_page_cache.py turns the cache on."""
    settings.PAGE_CACHE_SECONDS = 0
