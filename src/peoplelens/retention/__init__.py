"""Retention (spec §11): what the service keeps, and for how long, per tenant."""
