import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the production hasher makes every sign-in slow; tests need not pay it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
