"""Reading a plan file: bytes to YAML values to a checked plan, with places for messages and a cache of valid plans."""
