import Hummingbird

/// The web UI: sign-in, static files, and every page behind a session.
struct WebRoutes {
  let services: AppServices
  let secureCookies: Bool

  func register(_ router: Router<AppRequestContext>) {
    let renderer = services.renderer
    router.get("static/:file") { _, context -> Response in
      guard let name = context.parameters.get("file"), let file = StaticAssets.files[name] else {
        throw APIError.notFound("File")
      }
      var headers = HTTPFields()
      headers[.contentType] = file.type
      headers[.cacheControl] = "public, max-age=3600"
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: file.body)))
    }
    let login = LoginPages(services: services, renderer: renderer, secureCookies: secureCookies)
    login.register(router)
    SingleSignOnPages(services: services, login: login).register(router)
    let pages = router.group()
      .add(middleware: WebSessionMiddleware(sessions: services.sessions))
      .add(middleware: WebErrorMiddleware(renderer: renderer))
    AssetPages(services: services, renderer: renderer).register(pages)
    ContactPages(services: services, renderer: renderer).register(pages)
    TicketPages(services: services, renderer: renderer).register(pages)
    AssetTypesAdminPage(services: services, renderer: renderer).register(pages)
    KandjiAdminPage(services: services, renderer: renderer).register(pages)
    AgentsAdminPage(services: services, renderer: renderer, secureCookies: secureCookies).register(pages)
    SignInAdminPage(services: services, renderer: renderer).register(pages)
    SearchPage(services: services, renderer: renderer).register(pages)
  }
}
