"""Headlines, RAG, movement and arithmetic checks over a pack. No Qt."""
