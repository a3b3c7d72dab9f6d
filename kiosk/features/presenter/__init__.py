"""Presenter mode: clicker keys, blackout, jump to a slide, overview, screens and the presenter view."""
