"""Pure domain model: units, periods, values, metrics and annotations. No Qt, no I/O."""
