"""The dialogue: a pure state machine over who / where / what (no I/O, no clock reads)."""
