import Foundation
import StudyLeaveApp
import StudyLeaveDomain

/// The JSON API described as an OpenAPI 3 document, served at `/openapi.json`. Hand-written
/// (the routes are few and their shapes are the CLI's); `Tests/web/schemathesis.sh` checks the
/// live server against it.
enum OpenAPIDocument {
    /// The document with today's bounds: the years the ledger holds (`CalendarYears`), as western
    /// and as ROC years, and the window of `due` (`DueRule.windowDays`).
    static var json: String {
        let years = CalendarYears.recordable(today: Today.date)
        return template
            .replacingOccurrences(of: "\"__YEAR_MIN__\"", with: String(years.lowerBound))
            .replacingOccurrences(of: "\"__YEAR_MAX__\"", with: String(years.upperBound))
            .replacingOccurrences(of: "\"__ROC_MAX__\"", with: String(years.upperBound - 1911))
            .replacingOccurrences(of: "\"__WITHIN_MIN__\"", with: String(DueRule.windowDays.lowerBound))
            .replacingOccurrences(of: "\"__WITHIN_MAX__\"", with: String(DueRule.windowDays.upperBound))
            .replacingOccurrences(of: "__WITHIN_DEFAULT__", with: String(DueRule.defaultWindowDays))
    }

    static let template = """
{
 "openapi": "3.0.3",
 "info": {
  "title": "StudyLeave web view",
  "version": "1.0.0",
  "description": "Read-only figures of study leave, service owed and learning hours, per agency (CLI.md, A read-only web view). Every page is also HTML for browsers; send Accept: application/json for these shapes, which are the command line's --format json shapes. A token of agency A reads A and every agency below it."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  },
  {
   "cookie": []
  }
 ],
 "paths": {
  "/healthz": {
   "get": {
    "summary": "Whether the server runs (no token needed)",
    "security": [],
    "responses": {
     "200": {
      "description": "ok",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/agencies/{agency}": {
   "get": {
    "summary": "An agency, its pages, and the agencies below it that the token reads",
    "parameters": [
     {
      "$ref": "#/components/parameters/agency"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Agency"
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/agencies/{agency}/quota": {
   "get": {
    "summary": "The agency's quota of counted study in a year (studyleave quota)",
    "parameters": [
     {
      "$ref": "#/components/parameters/agency"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     },
     {
      "$ref": "#/components/parameters/year"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Quota"
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/agencies/{agency}/on-leave": {
   "get": {
    "summary": "Who is on full-time study leave on the day (studyleave report on-leave)",
    "parameters": [
     {
      "$ref": "#/components/parameters/agency"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/LeaveLine"
         }
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/agencies/{agency}/due": {
   "get": {
    "summary": "What needs doing soon (studyleave report due)",
    "parameters": [
     {
      "$ref": "#/components/parameters/agency"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     },
     {
      "$ref": "#/components/parameters/within"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/DueItem"
         }
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/agencies/{agency}/obligations": {
   "get": {
    "summary": "Service obligations still owed (studyleave report obligations)",
    "parameters": [
     {
      "$ref": "#/components/parameters/agency"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/ObligationLine"
         }
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/agencies/{agency}/hours": {
   "get": {
    "summary": "Learning hours of the agency's people in a year (studyleave hours --agency)",
    "parameters": [
     {
      "$ref": "#/components/parameters/agency"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     },
     {
      "$ref": "#/components/parameters/year"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AgencyHours"
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/people/{person}": {
   "get": {
    "summary": "A person's status and the service they owe (studyleave status, obligation)",
    "parameters": [
     {
      "$ref": "#/components/parameters/person"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     }
    ],
    "responses": {
     "200": {
      "description": "The figures",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Person"
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/people/{person}/timeline.svg": {
   "get": {
    "summary": "A person's timeline picture (studyleave timeline)",
    "parameters": [
     {
      "$ref": "#/components/parameters/person"
     },
     {
      "$ref": "#/components/parameters/lang"
     },
     {
      "$ref": "#/components/parameters/calendar"
     },
     {
      "$ref": "#/components/parameters/asOf"
     }
    ],
    "responses": {
     "200": {
      "description": "The picture",
      "content": {
       "image/svg+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "description": "A malformed parameter",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "No token, or one not valid",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Outside the token's agencies: nothing of the data",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "404": {
      "description": "No such agency or person",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "503": {
      "description": "The ledger cannot be read just now",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "A read token from 'studyleave access grant'."
   },
   "cookie": {
    "type": "apiKey",
    "in": "cookie",
    "name": "studyleave_token",
    "description": "Set by signing in through /signin."
   }
  },
  "parameters": {
   "lang": {
    "name": "lang",
    "in": "query",
    "schema": {
     "type": "string",
     "enum": [
      "en",
      "zh-TW",
      ""
     ]
    },
    "description": "Labels in tables and messages (JSON keeps its codes); empty: en."
   },
   "calendar": {
    "name": "calendar",
    "in": "query",
    "schema": {
     "type": "string",
     "enum": [
      "iso",
      "roc",
      ""
     ]
    },
    "description": "Dates in pages and downloads (JSON dates are always ISO); empty: iso."
   },
   "asOf": {
    "name": "as-of",
    "in": "query",
    "schema": {"type": "string", "pattern": "^((191[2-9]|19[2-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))?$"},
    "description": "The day the figures are for, from 1912 on: ISO (2025-09-01), or ROC (114-09-01, 114/9/1) as on the command line; default (or empty) today."
   },
   "year": {
    "name": "year",
    "in": "query",
    "schema": {"anyOf": [{"type": "integer", "minimum": "__YEAR_MIN__", "maximum": "__YEAR_MAX__"}, {"type": "integer", "minimum": 1, "maximum": "__ROC_MAX__"}, {"type": "string", "maxLength": 0}]},
    "description": "The calendar year (2025, or the ROC year 114); default the as-of day's."
   },
   "within": {
    "name": "within",
    "in": "query",
    "schema": {"anyOf": [{"type": "integer", "minimum": "__WITHIN_MIN__", "maximum": "__WITHIN_MAX__"}, {"type": "string", "maxLength": 0}]},
    "description": "How many days ahead; default (or empty) __WITHIN_DEFAULT__."
   },
   "agency": {
    "name": "agency",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string"
    }
   },
   "person": {
    "name": "person",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string"
    }
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "required": [
     "error",
     "status"
    ],
    "properties": {
     "error": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     }
    }
   },
   "Holder": {
    "type": "object",
    "required": [
     "person",
     "application"
    ],
    "properties": {
     "person": {
      "type": "string"
     },
     "application": {
      "type": "string"
     }
    }
   },
   "Quota": {
    "type": "object",
    "required": [
     "agency",
     "name",
     "year",
     "budgeted",
     "cap",
     "used",
     "headroom",
     "pending",
     "pendingApplications",
     "holders"
    ],
    "properties": {
     "agency": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "year": {
      "type": "integer"
     },
     "budgeted": {
      "type": "integer",
      "nullable": true
     },
     "cap": {
      "type": "integer",
      "nullable": true
     },
     "used": {
      "type": "integer"
     },
     "headroom": {
      "type": "integer",
      "nullable": true
     },
     "pending": {
      "type": "integer"
     },
     "pendingApplications": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "holders": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Holder"
      }
     }
    }
   },
   "LeaveLine": {
    "type": "object",
    "required": [
     "person",
     "name",
     "agency",
     "application",
     "sponsor",
     "from",
     "to",
     "abroad"
    ],
    "properties": {
     "person": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "agency": {
      "type": "string"
     },
     "application": {
      "type": "string"
     },
     "sponsor": {
      "type": "string",
      "enum": [
       "selected",
       "self"
      ]
     },
     "from": {
      "type": "string",
      "format": "date"
     },
     "to": {
      "type": "string",
      "format": "date"
     },
     "abroad": {
      "type": "boolean"
     }
    }
   },
   "ObligationLine": {
    "type": "object",
    "required": [
     "person",
     "name",
     "agency",
     "application",
     "state",
     "requiredDays",
     "servedDays",
     "remainingDays",
     "startsOn",
     "endsOn",
     "repaymentDue"
    ],
    "properties": {
     "person": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "agency": {
      "type": "string"
     },
     "application": {
      "type": "string"
     },
     "state": {
      "$ref": "#/components/schemas/ObligationState"
     },
     "requiredDays": {
      "type": "integer"
     },
     "servedDays": {
      "type": "integer"
     },
     "remainingDays": {
      "type": "integer"
     },
     "startsOn": {
      "type": "string",
      "format": "date",
      "nullable": true
     },
     "endsOn": {
      "type": "string",
      "format": "date",
      "nullable": true
     },
     "repaymentDue": {
      "type": "integer"
     }
    }
   },
   "ObligationState": {
    "type": "string",
    "enum": [
     "not-started",
     "serving",
     "paused",
     "fulfilled",
     "breached",
     "waived"
    ]
   },
   "DueItem": {
    "type": "object",
    "required": [
     "kind",
     "due",
     "person",
     "name",
     "agency",
     "application",
     "detail"
    ],
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "undecided",
       "leave-ends",
       "return-due",
       "obligation-ends"
      ]
     },
     "due": {
      "type": "string",
      "format": "date"
     },
     "person": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "agency": {
      "type": "string"
     },
     "application": {
      "type": "string"
     },
     "detail": {
      "type": "string"
     }
    }
   },
   "AgencyHours": {
    "type": "object",
    "required": [
     "agency",
     "year",
     "due",
     "met",
     "short",
     "exempt",
     "people"
    ],
    "properties": {
     "agency": {
      "type": "string"
     },
     "year": {
      "type": "integer"
     },
     "due": {
      "type": "integer"
     },
     "met": {
      "type": "integer"
     },
     "short": {
      "type": "integer"
     },
     "exempt": {
      "type": "integer"
     },
     "people": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "person",
        "name",
        "state",
        "exemption",
        "credited",
        "shortOf"
       ],
       "properties": {
        "person": {
         "type": "string"
        },
        "name": {
         "type": "string"
        },
        "state": {
         "type": "string"
        },
        "exemption": {
         "type": "string",
         "nullable": true
        },
        "credited": {
         "type": "number"
        },
        "shortOf": {
         "type": "array",
         "items": {
          "type": "string"
         }
        }
       }
      }
     }
    }
   },
   "Status": {
    "type": "object",
    "required": [
     "person",
     "name",
     "agency",
     "state",
     "applications"
    ],
    "properties": {
     "person": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "agency": {
      "type": "string"
     },
     "state": {
      "type": "string",
      "enum": [
       "on-duty",
       "on-study-leave",
       "separated"
      ]
     },
     "applications": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "application",
        "mode",
        "sponsor",
        "state",
        "from",
        "to",
        "abroad"
       ],
       "properties": {
        "application": {
         "type": "string"
        },
        "mode": {
         "type": "string",
         "enum": [
          "full-time",
          "part-time",
          "off-hours"
         ]
        },
        "sponsor": {
         "type": "string",
         "enum": [
          "selected",
          "self"
         ]
        },
        "state": {
         "type": "string",
         "enum": [
          "submitted",
          "approved",
          "rejected",
          "withdrawn",
          "on-leave",
          "ended",
          "returned"
         ]
        },
        "from": {
         "type": "string",
         "format": "date"
        },
        "to": {
         "type": "string",
         "format": "date"
        },
        "abroad": {
         "type": "boolean"
        }
       }
      }
     }
    }
   },
   "Obligation": {
    "type": "object",
    "required": [
     "person",
     "asOf",
     "obligations"
    ],
    "properties": {
     "person": {
      "type": "string"
     },
     "asOf": {
      "type": "string",
      "format": "date"
     },
     "obligations": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "application",
        "paidDays",
        "unpaidDays",
        "floorDays",
        "requiredDays",
        "servedDays",
        "remainingDays",
        "startsOn",
        "endsOn",
        "state",
        "received",
        "repaymentDue"
       ],
       "properties": {
        "application": {
         "type": "string"
        },
        "paidDays": {
         "type": "integer"
        },
        "unpaidDays": {
         "type": "integer"
        },
        "floorDays": {
         "type": "integer"
        },
        "requiredDays": {
         "type": "integer"
        },
        "servedDays": {
         "type": "integer"
        },
        "remainingDays": {
         "type": "integer"
        },
        "startsOn": {
         "type": "string",
         "format": "date",
         "nullable": true
        },
        "endsOn": {
         "type": "string",
         "format": "date",
         "nullable": true
        },
        "state": {
         "$ref": "#/components/schemas/ObligationState"
        },
        "received": {
         "type": "integer"
        },
        "repaymentDue": {
         "type": "integer"
        }
       }
      }
     }
    }
   },
   "Person": {
    "type": "object",
    "required": [
     "status",
     "obligation"
    ],
    "properties": {
     "status": {
      "$ref": "#/components/schemas/Status"
     },
     "obligation": {
      "$ref": "#/components/schemas/Obligation"
     }
    }
   },
   "Agency": {
    "type": "object",
    "required": [
     "agency",
     "name",
     "parent",
     "people",
     "pages",
     "agencies"
    ],
    "properties": {
     "agency": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "parent": {
      "type": "string",
      "nullable": true
     },
     "people": {
      "type": "integer"
     },
     "pages": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "agencies": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "agency",
        "name",
        "parent",
        "people"
       ],
       "properties": {
        "agency": {
         "type": "string"
        },
        "name": {
         "type": "string"
        },
        "parent": {
         "type": "string",
         "nullable": true
        },
        "people": {
         "type": "integer"
        }
       }
      }
     }
    }
   }
  }
 }
}
"""
}
