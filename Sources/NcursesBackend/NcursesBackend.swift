import CNcursesw
// NcursesBackend module.
