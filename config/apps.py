from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: site-wide commands and signal receivers, no models."""

    name = "config"
    label = "config"
    verbose_name = "Site"

    def ready(self):
        # Sign-in, lockout and refused-access logging to the "security" logger.
        from config.site import security

        security.connect_axes_signals()
