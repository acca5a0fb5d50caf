"""Driving the kiosk window with taps like a resident, for the soak benchmark."""
