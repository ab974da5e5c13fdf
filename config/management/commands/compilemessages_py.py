"""``compilemessages`` without GNU gettext: the same as ``compile_translations``."""

from config.management.commands.compile_translations import Command as CompileTranslations


class Command(CompileTranslations):
    pass
