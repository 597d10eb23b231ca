"""Sub-commands of ``outreach``, one module per area (see ``outreach.cli.COMMAND_MODULES``)."""
