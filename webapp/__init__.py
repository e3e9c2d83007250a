"""Wiring the Flask app: instance setup, command-line verbs, template helpers, security
headers, trusted hosts and writers' turns."""
