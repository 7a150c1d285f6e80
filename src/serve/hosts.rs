//! Which `Host` headers the preview answers. A page on another site can
//! point its own host name at 127.0.0.1 (DNS rebinding) and then read the
//! preview as if it were its own; the browser still sends that foreign
//! name as the Host, so only the names of this machine are answered,
//! and any others the writer allows with `--allow-host`.

use std::net::{IpAddr, SocketAddr};

/// The host names answered, and the port they must name.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    /// Names of this machine, answered with the served port only.
    local: Vec<String>,
    /// Names allowed with `--allow-host`, answered whatever the port (a
    /// proxy in front of the preview may use its own).
    allowed: Vec<String>,
}

impl Hosts {
    /// `localhost`, `127.0.0.1`, `[::1]` and the bound address, with the
    /// bound port, and the `allowed` names with any port.
    pub fn new(bound: SocketAddr, allowed: &[String]) -> Hosts {
        let mut local: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(String::from).to_vec();
        if !bound.ip().is_unspecified() {
            local.push(ip_name(bound.ip()));
        }
        let allowed = allowed
            .iter()
            .map(|name| split(name).map_or_else(|| name.to_ascii_lowercase(), |(n, _)| n))
            .collect();
        Hosts {
            port: bound.port(),
            local,
            allowed,
        }
    }

    /// Whether a request with this Host header is answered. `reached` is
    /// the address the client connected to: when the server listens on
    /// every address (`0.0.0.0`), that is the one it was asked for.
    pub fn allows(&self, host: &str, reached: Option<IpAddr>) -> bool {
        let Some((name, port)) = split(host) else {
            return false;
        };
        if self.allowed.contains(&name) {
            return true;
        }
        let local = self.local.contains(&name) || reached.is_some_and(|ip| ip_name(ip) == name);
        local && port.unwrap_or(80) == self.port
    }

    /// The port the local names must carry.
    pub fn port(&self) -> u16 {
        self.port
    }
}

/// An address as it is written in a Host header: IPv6 in brackets.
fn ip_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => format!("[{v6}]"),
        },
    }
}

/// `name[:port]` as (lower-case name, port); None when malformed.
fn split(host: &str) -> Option<(String, Option<u16>)> {
    let host = host.trim();
    let (name, rest) = if host.starts_with('[') {
        let end = host.find(']')?;
        host.split_at(end + 1)
    } else {
        match host.rsplit_once(':') {
            Some((name, _)) => (name, &host[name.len()..]),
            None => (host, ""),
        }
    };
    if name.is_empty() || name.contains(['/', '@', ' ']) {
        return None;
    }
    let port = match rest.strip_prefix(':') {
        Some(port) => Some(port.parse().ok()?),
        None if rest.is_empty() => None,
        None => return None,
    };
    Some((name.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bound: &str, allowed: &[&str]) -> Hosts {
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        Hosts::new(bound.parse().expect("an address"), &allowed)
    }

    #[test]
    fn names_of_this_machine_with_the_port() {
        let h = hosts("127.0.0.1:3000", &[]);
        for yes in ["localhost:3000", "LOCALHOST:3000", "127.0.0.1:3000", "[::1]:3000"] {
            assert!(h.allows(yes, None), "{yes}");
        }
        for no in [
            "localhost:3001",
            "localhost",
            "evil.example:3000",
            "localhost.evil.example:3000",
            "127.0.0.1:x",
            "[::1",
            "",
            "user@localhost:3000",
        ] {
            assert!(!h.allows(no, None), "{no}");
        }
        assert!(
            hosts("127.0.0.1:80", &[]).allows("localhost", None),
            "port 80 goes unsaid"
        );
    }

    #[test]
    fn the_bound_and_reached_addresses() {
        assert!(hosts("192.168.1.5:3000", &[]).allows("192.168.1.5:3000", None));
        let any = hosts("0.0.0.0:3000", &[]);
        assert!(!any.allows("0.0.0.0:3000", None));
        let reached: IpAddr = "10.0.0.7".parse().expect("an address");
        assert!(any.allows("10.0.0.7:3000", Some(reached)));
        assert!(!any.allows("10.0.0.8:3000", Some(reached)));
        let v6 = hosts("[::]:3000", &[]);
        let reached: IpAddr = "fe80::1".parse().expect("an address");
        assert!(v6.allows("[fe80::1]:3000", Some(reached)));
    }

    #[test]
    fn allowed_names_with_any_port() {
        let h = hosts("127.0.0.1:3000", &["Preview.Example.test", "box.lan:8080"]);
        assert!(h.allows("preview.example.test", None));
        assert!(h.allows("preview.example.test:443", None));
        assert!(h.allows("box.lan:3000", None));
        assert!(!h.allows("other.example.test:3000", None));
    }
}
