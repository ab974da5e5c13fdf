"""Demo articles and article-role accounts (demo mode only)."""


def seed_articles() -> int:
    """Create or update the demo articles; returns how many exist."""
    return 0


def seed_article_accounts() -> list[tuple[str, str, str, str]]:
    """Create missing writer/reviewer/editor demo accounts; same shape as seed_accounts()."""
    return []
