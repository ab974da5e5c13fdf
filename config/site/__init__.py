"""Site-wide code that belongs to no single app.

The apps may import from here; nothing here imports the apps. This package
reaches them only through the app registry, signals or settings (the URL
conf in config/urls.py is the one place that names them).
"""
