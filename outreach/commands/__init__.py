"""Sub-commands of ``outreach``, one module per area (see ``outreach.commands.cli.COMMAND_MODULES``)."""
