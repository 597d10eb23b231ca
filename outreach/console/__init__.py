"""The office console: the web pages ward office staff and the city use in a browser.

The top layer of the server side: it may import ``server`` (accounts, devices, the catalogue),
``services`` (coverage: the laptop's own figures, never a second implementation), ``reports``
(the exports), ``store``, ``model``, ``wire`` and the base modules; nothing below imports it.
``outreach-server serve`` runs it through ``outreach.console.cli`` (see ``mount_console``).
"""
