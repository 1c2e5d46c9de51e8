"""Editing plan files byte for byte: the plan file, its edits, the YAML writer, scaffolds, drafts and replies."""
