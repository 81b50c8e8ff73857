/// One line of `bench api`: what is asked, by which client, and the target it is held to.
struct APIEndpoint {
  let name: String
  let load: HTTPLoad
  let target: APITarget?
  let path: @Sendable () -> String

  init(_ name: String, _ load: HTTPLoad, _ target: APITarget?, path: @escaping @Sendable () -> String) {
    self.name = name
    self.load = load
    self.target = target
    self.path = path
  }
}
