"""Kompetanseinnsyn: a static transparency site for the competence development grant schemes."""

__version__ = "0.1.0"
