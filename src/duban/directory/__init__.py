"""Directory: governments, their units (with aliases and collectives) and leaders."""
