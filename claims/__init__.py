"""Pure domain code: cleaning, claim extraction, slots, embedding, clustering, comparison."""
