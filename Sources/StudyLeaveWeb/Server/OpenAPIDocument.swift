import StudyLeaveApp
import StudyLeaveDomain

/// The JSON API described as an OpenAPI 3 document, served at `/openapi.json`. Built here from
/// the routes' table (the shapes are the CLI's); `Tests/web/schemathesis.sh` checks the live
/// server against it. The bounds come from where they live: the years the ledger holds
/// (`CalendarYears`, western and ROC) and the window of `due` (`DueRule`).
enum OpenAPIDocument {
    static var json: String { document(today: Today.date).canonical }

    static func document(today: CivilDate) -> JSONValue {
        let years = CalendarYears.recordable(today: today)
        let empty: JSONValue = ["type": "string", "maxLength": 0]
        func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
            ["name": .string(name), "in": "query", "schema": schema, "description": .string(description)]
        }
        let parameters: [String: JSONValue] = [
            "lang": query("lang", ["type": "string", "enum": ["en", "zh-TW", ""]], "Labels in tables and messages (JSON keeps its codes); empty: en."),
            "calendar": query("calendar", ["type": "string", "enum": ["iso", "roc", ""]], "Dates in pages and downloads (JSON dates are always ISO); empty: iso."),
            "asOf": query("as-of", ["type": "string", "pattern": "^((191[2-9]|19[2-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))?$"],
                          "The day the figures are for, from 1912 on: ISO (2025-09-01), or ROC (114-09-01, 114/9/1) as on the command line; default (or empty) today."),
            "year": query("year", ["anyOf": [
                ["type": "integer", "minimum": .int(years.lowerBound), "maximum": .int(years.upperBound)],
                ["type": "integer", "minimum": 1, "maximum": .int(years.upperBound - 1911)], empty]],
                          "The calendar year (2025, or the ROC year 114); default (or empty) the as-of day's."),
            "within": query("within", ["anyOf": [
                ["type": "integer", "minimum": .int(DueRule.windowDays.lowerBound), "maximum": .int(DueRule.windowDays.upperBound)], empty]],
                            "How many days ahead; default (or empty) \(DueRule.defaultWindowDays)."),
            "agency": ["name": "agency", "in": "path", "required": true, "schema": ["type": "string"]],
            "person": ["name": "person", "in": "path", "required": true, "schema": ["type": "string"]],
        ]
        func ref(_ kind: String, _ name: String) -> JSONValue { ["$ref": .string("#/components/\(kind)/\(name)")] }
        let errors: [(String, String)] = [
            ("400", "A malformed parameter"), ("401", "No token, or one not valid"),
            ("403", "Outside the token's agencies: nothing of the data"), ("404", "No such agency or person"),
            ("503", "The ledger cannot be read just now"),
        ]
        /// One read route: its path parameter, the page's own query parameters, what 200 holds.
        func operation(_ summary: String, _ subject: String, _ extra: [String], _ body: (type: String, schema: JSONValue)) -> JSONValue {
            var responses: [String: JSONValue] = ["200": ["description": "The figures", "content": [body.type: ["schema": body.schema]]]]
            for (code, text) in errors {
                responses[code] = ["description": .string(text), "content": ["application/json": ["schema": ref("schemas", "Error")]]]
            }
            return ["get": ["summary": .string(summary),
                            "parameters": .array(([subject, "lang", "calendar", "asOf"] + extra).map { ref("parameters", $0) }),
                            "responses": .object(responses)]]
        }
        func json(_ schema: JSONValue) -> (type: String, schema: JSONValue) { ("application/json", schema) }
        func list(_ name: String) -> JSONValue { ["type": "array", "items": ref("schemas", name)] }
        let paths: [String: JSONValue] = [
            "/healthz": ["get": ["summary": "Whether the server runs (no token needed)", "security": [],
                                 "responses": ["200": ["description": "ok", "content": ["text/plain": ["schema": ["type": "string"]]]]]]],
            "/agencies/{agency}": operation("An agency, its pages, and the agencies below it that the token reads", "agency", [], json(ref("schemas", "Agency"))),
            "/agencies/{agency}/quota": operation("The agency's quota of counted study in a year (studyleave quota)", "agency", ["year"], json(ref("schemas", "Quota"))),
            "/agencies/{agency}/on-leave": operation("Who is on full-time study leave on the day (studyleave report on-leave)", "agency", [], json(list("LeaveLine"))),
            "/agencies/{agency}/due": operation("What needs doing soon (studyleave report due)", "agency", ["within"], json(list("DueItem"))),
            "/agencies/{agency}/obligations": operation("Service obligations still owed (studyleave report obligations)", "agency", [], json(list("ObligationLine"))),
            "/agencies/{agency}/hours": operation("Learning hours of the agency's people in a year (studyleave hours --agency)", "agency", ["year"], json(ref("schemas", "AgencyHours"))),
            "/people/{person}": operation("A person's status and the service they owe (studyleave status, obligation)", "person", [], json(ref("schemas", "Person"))),
            "/people/{person}/timeline.svg": operation("A person's timeline picture (studyleave timeline)", "person", [], ("image/svg+xml", ["type": "string"])),
        ]
        return [
            "openapi": "3.0.3",
            "info": ["title": "StudyLeave web view", "version": "1.0.0",
                     "description": "Read-only figures of study leave, service owed and learning hours, per agency (CLI.md, A read-only web view). Every page is also HTML for browsers; send Accept: application/json for these shapes, which are the command line's --format json shapes. A token of agency A reads A and every agency below it."],
            "servers": [["url": "/"]],
            "security": [["bearer": []], ["cookie": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "A read token from 'studyleave access grant'."],
                    "cookie": ["type": "apiKey", "in": "cookie", "name": "studyleave_token", "description": "Set by signing in through /signin."],
                ],
                "parameters": .object(parameters),
                "schemas": .object(schemas),
            ],
        ]
    }

    /// The answers' shapes: those of `Answers` (the CLI's `--format json`).
    static var schemas: [String: JSONValue] {
        func object(_ properties: [String: JSONValue]) -> JSONValue {
            ["type": "object", "required": .array(properties.keys.sorted().map(JSONValue.string)), "properties": .object(properties)]
        }
        let string: JSONValue = ["type": "string"], integer: JSONValue = ["type": "integer"], boolean: JSONValue = ["type": "boolean"]
        let nullableString: JSONValue = ["type": "string", "nullable": true], nullableInteger: JSONValue = ["type": "integer", "nullable": true]
        let date: JSONValue = ["type": "string", "format": "date"], nullableDate: JSONValue = ["type": "string", "format": "date", "nullable": true]
        func strings() -> JSONValue { ["type": "array", "items": string] }
        func choice(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map(JSONValue.string))] }
        func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
        func list(_ item: JSONValue) -> JSONValue { ["type": "array", "items": item] }
        let sponsor = choice(Sponsorship.allCases.map(\.rawValue))
        return [
            "Error": object(["error": string, "status": integer]),
            "Holder": object(["person": string, "application": string]),
            "ObligationState": choice(Obligation.State.allCases.map(\.rawValue)),
            "Quota": object(["agency": string, "name": string, "year": integer, "budgeted": nullableInteger, "cap": nullableInteger,
                             "used": integer, "headroom": nullableInteger, "pending": integer, "pendingApplications": strings(),
                             "holders": list(ref("Holder"))]),
            "LeaveLine": object(["person": string, "name": string, "agency": string, "application": string, "sponsor": sponsor,
                                 "from": date, "to": date, "abroad": boolean]),
            "ObligationLine": object(["person": string, "name": string, "agency": string, "application": string, "state": ref("ObligationState"),
                                      "requiredDays": integer, "servedDays": integer, "remainingDays": integer,
                                      "startsOn": nullableDate, "endsOn": nullableDate, "repaymentDue": integer]),
            "DueItem": object(["kind": choice(DueItem.Kind.allCases.map(\.rawValue)), "due": date, "person": string, "name": string,
                               "agency": string, "application": string, "detail": string]),
            "AgencyHours": object(["agency": string, "year": integer, "due": integer, "met": integer, "short": integer, "exempt": integer,
                                   "people": list(object(["person": string, "name": string, "state": string, "exemption": nullableString,
                                                          "credited": ["type": "number"], "shortOf": strings()]))]),
            "Status": object(["person": string, "name": string, "agency": string, "state": choice(StatusReport.State.allCases.map(\.rawValue)),
                              "applications": list(object(["application": string, "mode": choice(StudyMode.allCases.map(\.rawValue)),
                                                           "sponsor": sponsor, "state": choice(ApplicationState.allCases.map(\.rawValue)),
                                                           "from": date, "to": date, "abroad": boolean]))]),
            "Obligation": object(["person": string, "asOf": date, "obligations": list(object([
                "application": string, "paidDays": integer, "unpaidDays": integer, "floorDays": integer, "requiredDays": integer,
                "servedDays": integer, "remainingDays": integer, "startsOn": nullableDate, "endsOn": nullableDate,
                "state": ref("ObligationState"), "received": integer, "repaymentDue": integer]))]),
            "Person": object(["status": ref("Status"), "obligation": ref("Obligation")]),
            "Agency": object(["agency": string, "name": string, "parent": nullableString, "people": integer, "pages": strings(),
                              "agencies": list(object(["agency": string, "name": string, "parent": nullableString, "people": integer]))]),
        ]
    }
}
