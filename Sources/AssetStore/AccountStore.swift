/// Agents, API keys and sessions: who works in the helpdesk around the integration, and how
/// they sign in. A composition only; consumers take the slice they use.
public protocol AccountStore: AgentStore, APIKeyStore, SessionStore {}
