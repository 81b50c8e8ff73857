import Hummingbird

/// The web UI: sign-in and static files for anyone, every other page behind a session, in the
/// agents' group or the admins' (a page's role is the group it is registered in).
struct WebRoutes {
  let services: AppServices
  let secureCookies: Bool

  func register(_ router: Router<AppRequestContext>, registry: RouteRegistry) {
    let renderer = services.renderer
    let open = PageRoutes(publicPages: router.group(), registry: registry)
    open.get("static/:file") { _, context -> Response in
      guard let name = context.parameters.get("file"), let file = StaticAssets.files[name] else {
        throw APIError.notFound("File")
      }
      var headers = HTTPFields()
      headers[.contentType] = file.type
      headers[.cacheControl] = "public, max-age=3600"
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: file.body)))
    }
    let login = LoginPages(services: services, renderer: renderer, secureCookies: secureCookies)
    login.register(open)
    SingleSignOnPages(services: services, login: login).register(open)
    let signedIn = router.group()
      .add(middleware: WebSessionMiddleware(sessions: services.sessions))
      .add(middleware: WebErrorMiddleware(renderer: renderer))
    let pages = PageRoutes(signedIn: signedIn.group(context: AgentContext.self), registry: registry)
    let admin = PageRoutes(signedIn: signedIn.group(context: AdminContext.self), registry: registry)
    AssetPages(services: services, renderer: renderer).register(pages)
    ContactPages(services: services, renderer: renderer).register(pages)
    TicketPages(services: services, renderer: renderer).register(pages)
    AssetTypesAdminPage(services: services, renderer: renderer).register(admin)
    KandjiAdminPage(services: services, renderer: renderer).register(admin)
    AgentsAdminPage(services: services, renderer: renderer, secureCookies: secureCookies).register(admin)
    SignInAdminPage(services: services, renderer: renderer).register(admin)
    SearchPage(services: services, renderer: renderer).register(pages)
    PickerSearch(services: services).register(pages)
  }
}
