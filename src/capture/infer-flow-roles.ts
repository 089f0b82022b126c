/**
 * Which end of a TCP connection is the server when the capture holds no SYN (it started mid-connection).
 * The first packet's sender is only a guess then: a server's reply captured first would make the phone's
 * private address the "server". Evidence, strongest first (docs/decisions/flow-direction-without-syn.md):
 *
 * 1. the first payload: a TLS ClientHello or an HTTP request comes from the client; a TLS ServerHello or
 *    certificate, or an HTTP response, from the server;
 * 2. ports: a well-known port (below 1024) against one that is not, else a port below the ephemeral range
 *    (32768 and up: Linux, Android; IANA's 49152 and up: Windows, macOS, iOS) against one inside it;
 * 3. addresses: a public address against a private (or other special-purpose) one.
 *
 * Each is decided once per flow, never per packet; the flow key does not depend on the roles.
 * UDP has no handshake, so its first datagram's sender is only a guess too: see shouldSwapDatagramRoles.
 */
import { isPrivateAddress } from '../enrich/private-address.js';

/** The role of a packet's sender that its payload proves, or null when the payload says nothing. */
export type SenderRole = 'client' | 'server';

/** TLS record content type 22 (handshake) and the handshake message types that name the sender (RFC 8446 §4). */
const TLS_HANDSHAKE = 22;
const CLIENT_HELLO = 1;
const SERVER_HELLO = 2;
const CERTIFICATE = 11;

const HTTP_METHODS = ['GET ', 'POST ', 'PUT ', 'HEAD ', 'DELETE ', 'OPTIONS ', 'PATCH ', 'CONNECT '];

function startsWithText(payload: Uint8Array, text: string): boolean {
  if (payload.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (payload[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** What the first payload of a TCP connection proves about its sender (TLS handshake type, HTTP request or response). */
export function readSenderRole(payload: Uint8Array): SenderRole | null {
  // A TLS record header (type, version 3.x, length) followed by the handshake message type.
  if (payload.length >= 6 && payload[0] === TLS_HANDSHAKE && payload[1] === 3) {
    const message = payload[5];
    if (message === CLIENT_HELLO) return 'client';
    if (message === SERVER_HELLO || message === CERTIFICATE) return 'server';
    return null;
  }
  if (startsWithText(payload, 'HTTP/1.')) return 'server';
  if (HTTP_METHODS.some((method) => startsWithText(payload, method))) return 'client';
  return null;
}

/** Ports at and above this are what operating systems hand out to outgoing connections (Linux's default range starts here). */
const EPHEMERAL_PORTS_FROM = 32768;
const WELL_KNOWN_PORTS_BELOW = 1024;

/** The port rule: true when only the recorded client has a well-known port (below 1024), false for the reverse, else null. */
function judgeByWellKnownPort(clientPort: number, serverPort: number): boolean | null {
  const clientWellKnown = clientPort < WELL_KNOWN_PORTS_BELOW;
  const serverWellKnown = serverPort < WELL_KNOWN_PORTS_BELOW;
  return clientWellKnown === serverWellKnown ? null : clientWellKnown;
}

/** The ephemeral-range rule: true when only the recorded server's port is ephemeral, false for the reverse, else null. */
function judgeByEphemeralPort(clientPort: number, serverPort: number): boolean | null {
  const clientEphemeral = clientPort >= EPHEMERAL_PORTS_FROM;
  const serverEphemeral = serverPort >= EPHEMERAL_PORTS_FROM;
  return clientEphemeral === serverEphemeral ? null : serverEphemeral;
}

/** The address rule: true when only the recorded server is private (or special-purpose), false for the reverse, else null. */
function judgeByAddress(client: string, server: string): boolean | null {
  const clientPrivate = isPrivateAddress(client);
  const serverPrivate = isPrivateAddress(server);
  return clientPrivate === serverPrivate ? null : serverPrivate;
}

/**
 * True when the evidence of ports, then of addresses, says the endpoint recorded as client is the server.
 * False when it agrees with the recorded roles or says nothing (the first sender stays the client).
 */
export function shouldSwapRoles(client: string, clientPort: number, server: string, serverPort: number): boolean {
  return judgeByWellKnownPort(clientPort, serverPort) ?? judgeByEphemeralPort(clientPort, serverPort) ?? judgeByAddress(client, server) ?? false;
}

/**
 * The same judgement for a UDP flow, whose first captured datagram may be a server's (a capture started
 * during a call catches audio coming in): a well-known port (DNS, NTP, QUIC on 443) against one that is
 * not, else a public address against a private one. The ephemeral-range rule is left out: media and
 * game servers listen on high ports (Discord voice uses 50000 and up), so a high port says nothing there.
 * True to swap, false to keep, null when neither tells the roles apart (see findConnectingDevices).
 */
export function judgeDatagramRoles(client: string, clientPort: number, server: string, serverPort: number): boolean | null {
  return judgeByWellKnownPort(clientPort, serverPort) ?? judgeByAddress(client, server);
}

/**
 * The capture's own devices: addresses that opened a TCP connection in it (sent its SYN, or the ClientHello or
 * request that began it) and never answered one. A UDP flow whose ports and addresses say nothing (both ends public,
 * both ports high: a phone with a global IPv6 address receiving a call's audio first) has its device as client.
 */
export function findConnectingDevices(flows: Iterable<{ protocol: string; client: string; server: string; rolesFixed: boolean }>): Set<string> {
  const clients = new Set<string>();
  const servers = new Set<string>();
  for (const flow of flows) {
    if (flow.protocol !== 'tcp' || !flow.rolesFixed) continue;
    clients.add(flow.client);
    servers.add(flow.server);
  }
  for (const server of servers) clients.delete(server);
  return clients;
}
