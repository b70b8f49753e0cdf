import Foundation
import Hummingbird
import MailAudit

extension Console {
  /// The most a form may send: 10,000 ticked addresses fit well within it.
  static let maxFormBytes = 4 << 20

  /// Every route of the console. Reading is GET; the one change, recording
  /// follow-ups, is a POST carrying the session's CSRF token.
  func router() -> Router<ConsoleContext> {
    let router = Router(context: ConsoleContext.self)
    router.add(middleware: SecurityHeaders(console: self))
    router.add(middleware: AccessGuard(keeper: keeper))

    router.get("/assets/:name") { _, context -> Response in
      guard let name = context.parameters.get("name"), let asset = self.assets.files[name] else {
        throw ConsoleFailure.notFound
      }
      return Response(
        status: .ok, headers: [.contentType: asset.type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
    router.get("/") { request, _ -> Response in
      self.page(try self.overviewPage(self.catalog(for: request)))
    }
    router.get("/incidents") { request, _ -> Response in
      let filter = IncidentFilter(query: FormBody(request.uri.query ?? ""))
      return self.page(try self.incidentsPage(self.catalog(for: request), filter: filter))
    }
    router.get("/incidents/:id") { request, context -> Response in
      guard let id = context.parameters.get("id"), let session = context.session else { throw ConsoleFailure.notFound }
      let query = FormBody(request.uri.query ?? "")
      return self.page(
        try self.incidentPage(
          self.catalog(for: request), id: id, session: session, recorded: query["recorded"].flatMap(Int.init),
          discovered: query["discovered"]))
    }
    router.post("/incidents/:id/follow-ups") { request, context -> Response in
      guard let id = context.parameters.get("id"), let session = context.session else { throw ConsoleFailure.notFound }
      var request = request
      let body: ByteBuffer
      do {
        body = try await request.collectBody(upTo: Self.maxFormBytes)
      } catch {
        throw ConsoleFailure.tooLarge
      }
      let form = FormBody(String(buffer: body))
      return try self.recordFollowUps(form, incident: id, session: session)
    }
    router.get("/incidents/:id/download/:kind") { request, context -> Response in
      guard let id = context.parameters.get("id"), let kind = context.parameters.get("kind") else {
        throw ConsoleFailure.notFound
      }
      let discovered = FormBody(request.uri.query ?? "")["discovered"].flatMap(self.discoveryTime)
      return try self.incidentDownload(self.catalog(for: request), id: id, kind: kind, discovered: discovered)
    }
    router.get("/lookup") { request, _ -> Response in
      let typed = FormBody(request.uri.query ?? "")["address"]
      return self.page(try self.lookupPage(self.catalog(for: request), typed: typed))
    }
    router.get("/runs") { request, _ -> Response in
      self.page(try self.runsPage(self.catalog(for: request)))
    }
    return router
  }

  /// Records the posted status and note for every ticked person, then
  /// sends the browser back to the incident (so a reload does not post
  /// again).
  func recordFollowUps(_ form: FormBody, incident id: String, session: ConsoleSession) throws -> Response {
    guard let token = form["csrf"], SessionKeeper.same(token, session.csrf) else { throw ConsoleFailure.badCSRF }
    guard let detail = try store.incidentDetail(id: id, zone: settings.zone) else { throw ConsoleFailure.notFound }
    guard let status = form["status"].flatMap(FollowUpStatus.init(rawValue:)) else {
      throw ConsoleFailure(status: .badRequest, reason: "badStatus")
    }
    let addresses = form.all("address")
    guard !addresses.isEmpty else { throw ConsoleFailure(status: .badRequest, reason: "nobodyChosen") }
    let note = form["note"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    let records = addresses.map { FollowUpRecord(incidentID: detail.id, address: $0, status: status, note: note) }
    do {
      try store.recordFollowUps(records, by: .processOwner(source: .console))
    } catch let error as FollowUpError {
      throw ConsoleFailure(status: .badRequest, reason: "notRecorded", values: ["reason": error.localizedDescription])
    }
    return Response(status: .seeOther, headers: [.location: "/incidents/\(detail.id)?recorded=\(records.count)#people"])
  }
}
