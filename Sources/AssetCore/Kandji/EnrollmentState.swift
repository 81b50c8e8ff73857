/// Kandji has no enrollment-state field anywhere in its API, so AssetSync derives one from the list's
/// flags, in this order:
///
/// 1. `is_removed` → **Removed**
/// 2. `mdm_enabled` and `is_missing` → **Missing** (enrolled, but not checking in)
/// 3. `mdm_enabled` → **Enrolled**
/// 4. `agent_installed` without MDM → **Agent only**
/// 5. otherwise → **Not enrolled**
public enum EnrollmentState: String, Sendable, Hashable, Codable, CaseIterable {
  case enrolled
  case missing
  case agentOnly = "agent_only"
  case notEnrolled = "not_enrolled"
  case removed

  public init(mdmEnabled: Bool?, agentInstalled: Bool?, isMissing: Bool?, isRemoved: Bool?) {
    if isRemoved == true {
      self = .removed
    } else if mdmEnabled == true {
      self = isMissing == true ? .missing : .enrolled
    } else if agentInstalled == true {
      self = .agentOnly
    } else {
      self = .notEnrolled
    }
  }

  public var label: String {
    switch self {
    case .enrolled: "Enrolled"
    case .missing: "Missing"
    case .agentOnly: "Agent only"
    case .notEnrolled: "Not enrolled"
    case .removed: "Removed"
    }
  }
}
