// replaced as ui/ grows
