"""The screens of the main window, one module each; they talk to services through the runner."""
