// Stands in for gRPC in tend's bundles. The Docker client loads it only to serve BuildKit sessions
// when it builds images, which tend never does; the real libraries are most of the client's size
// and of its load time.
export {};
