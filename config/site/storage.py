from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed, long-cached static files (whitenoise).

    Before ``collectstatic`` has run (a bare pytest or runserver), fall back to
    the plain name instead of failing every page that links a stylesheet.
    """

    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name
