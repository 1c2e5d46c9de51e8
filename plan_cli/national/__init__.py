"""The national roll-up: many forces' plans reduced to figures, answers across forces, shared dependencies."""
