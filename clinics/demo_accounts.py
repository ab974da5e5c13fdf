"""Demo accounts, one per role (demo mode only)."""


def seed_accounts() -> list[tuple[str, str, str, str]]:
    """Create missing demo accounts; return (role, username, password, note) for new ones."""
    return []
