"""Partner lists: the upload mutation and the upload reports (services.intake, loaders.intake)."""
