"""Questions asked of a plan and today: rounds, cadence, deadlines, dependencies, staleness, owners, measures, checks."""
