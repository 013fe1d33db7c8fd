"""Screens of the reader app: the main browsing screen and the help screen."""
