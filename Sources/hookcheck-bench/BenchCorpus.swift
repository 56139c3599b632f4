import HookCheckKit

/// Generated inputs for the benchmarks.
enum BenchCorpus {
    static let token = "bench-token-5d1f"

    static let bodies: [String] = [
        #"{"orgId":2187412,"type":"new_message","data":{"id":9912344120,"orgId":2187412,"body":"<p>Hi, can I get a demo next week?</p>","author":{"type":"contact","id":14283652871,"bot":false},"type":"chat","conversationId":2918339151,"createdAt":1767225600123,"attributes":{}},"token":"bench-token-5d1f"}"#,
        #"{"orgId":2187412,"type":"contact_updated","data":{"endUserId":14283652871,"timestamp":1767225612345,"orgId":2187412,"diff":[{"name":"attributes.email","previous":"old@example.com","updated":"nadine@example.com"},{"name":"attributes.name","previous":null,"updated":"Nadine Park"}]},"token":"bench-token-5d1f"}"#,
        #"{"orgId":2187412,"type":"new_conversation","data":{"id":2918339151,"participants":[243266,252465],"status":"open","contactId":14283652871,"inboxId":116983,"createdAt":1767225600000,"updatedAt":1767225660000,"conversationTags":[{"color":"0960C5","name":"pricing"}]},"token":"bench-token-5d1f"}"#,
        #"{"orgId":2187412,"type":"playbook_goal_met","data":{"conversationId":2918339151,"playbookId":1561966,"contactId":14283652871,"goalId":"42fe19bf-b3f4-44c6-b358-1934dc69a614","goalName":"Booked a meeting","playbookName":"Pricing page welcome","contactEmail":"nadine@example.com"},"token":"bench-token-5d1f"}"#,
    ]

    /// The compiled envelope of each body's event, in the order of `bodies`.
    static var shapes: [CompiledShape] {
        ["new_message", "contact_updated", "new_conversation", "playbook_goal_met"].map {
            CompiledShape(DriftCatalog.envelope(data: DriftCatalog.event(named: $0)!.data))
        }
    }

    /// A JSON Schema (draft 2020-12) that checks what hookcheck checks for a new_message body.
    static let newMessageSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "type": "object",
      "required": ["orgId", "type", "data"],
      "properties": {
        "orgId": {"type": "integer"},
        "type": {"type": "string"},
        "token": {"type": "string"},
        "data": {
          "type": "object",
          "required": ["id", "orgId", "author", "type", "conversationId", "createdAt"],
          "properties": {
            "id": {"type": "integer"},
            "orgId": {"type": "integer"},
            "body": {"type": ["string", "null"]},
            "author": {
              "type": "object",
              "required": ["type", "id", "bot"],
              "properties": {
                "type": {"enum": ["contact", "user"]},
                "id": {"type": "integer"},
                "bot": {"type": "boolean"}
              }
            },
            "type": {"enum": ["chat", "private_note", "private_prompt", "suggestion", "edit"]},
            "conversationId": {"type": "integer"},
            "createdAt": {"type": "integer", "minimum": 100000000000},
            "buttons": {"type": ["array", "null"]},
            "context": {"type": ["object", "null"]},
            "attributes": {"type": ["object", "null"]}
          }
        }
      }
    }
    """#

    static func request(_ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        let head = "POST /webhooks/drift HTTP/1.1\r\nHost: hooks.example.com\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\nX-Verification-Token: \(token)\r\n\r\n"
        return Array(head.utf8) + bytes
    }

    static func driftStream(events: Int) -> [UInt8] {
        let requests = bodies.map(request)
        var out: [UInt8] = []
        out.reserveCapacity(events * 420)
        for index in 0..<events {
            out += requests[index % requests.count]
            out += [0x0D, 0x0A]
        }
        return out
    }
}
