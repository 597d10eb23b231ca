"""Desktop app tests: real widgets on the offscreen Qt platform."""
