"""What every screen stands on: the background runner, the UI context, translation, settings,
error display, labels and the Qt binding work-arounds."""
