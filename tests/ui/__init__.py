"""UI tests: Pilot key paths, snapshots, settings and state."""
