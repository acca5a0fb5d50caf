"""Accessibility building blocks for the kiosk screens (Korean kiosk accessibility criteria).

``geometry`` turns the installed panel into millimetres, ``themes`` gives the palettes and
the scale screens read, ``audit`` checks a live widget tree, ``speech`` is voice guidance,
``flashing`` keeps animations slow enough. See ``docs/accessibility.md``.
"""
