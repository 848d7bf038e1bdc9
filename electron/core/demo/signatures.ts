// Realistic signature names per category for the simulator (Suricata ET rules, EDR/AV verdicts).
import type { Category } from '../../contract/index.js';

export const SIGNATURES: Readonly<Record<Category, readonly string[]>> = {
  scan: [
    'ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)',
    'ET SCAN Suspicious inbound to MSSQL port 1433',
    'ET SCAN Potential SSH Scan',
    'ET SCAN Zmap User-Agent (Inbound)',
    'ET SCAN Possible Masscan Scan',
    'GPL SCAN SSH Version map attempt',
  ],
  spoof: [
    'Spoofed source address on external interface (uRPF drop)',
    'ET DNS Spoofed DNS response (transaction id mismatch)',
    'ARP spoofing: gateway MAC changed',
    'Spoofed sender domain (SPF/DMARC fail) — .gov.vn impersonation',
    'Bogon source address from Internet',
  ],
  malware: [
    'ET MALWARE FormBook CnC Checkin (GET)',
    'ET MALWARE Win32/Emotet CnC Activity (POST)',
    'ET JA3 Hash - [Abuse.ch] Possible Dridex',
    'EDR: Trojan:Win32/Wacatac.B!ml quarantined',
    'AV: Ransom:Win32/LockBit.A detected on workstation',
    'ET MALWARE Cobalt Strike Beacon Observed',
  ],
  combined: [
    'ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT',
    'ET EXPLOIT Apache log4j RCE Attempt (CVE-2021-44228)',
    'ET WEB_SERVER Possible CVE-2021-41773 Path Traversal',
    'ET POLICY RDP brute force: 50 failed logins in 60 s',
    'ET DOS Possible SYN flood toward public portal',
    'ET WEB_SPECIFIC_APPS WordPress xmlrpc.php brute force',
    'ET EXPLOIT Fortinet FortiOS SSL-VPN path traversal (CVE-2018-13379)',
  ],
  targeted: [
    'APT: spear-phishing attachment executed (Office macro spawned PowerShell)',
    'Lateral movement: PsExec service created on domain controller',
    'Credential dumping: LSASS memory access by unsigned binary',
    'Targeted: webshell written to e-government portal',
  ],
  policy: [
    'ET POLICY Outbound SSH on non-standard port',
    'ET POLICY PE EXE or DLL Windows file download HTTP',
    'ET POLICY Remote desktop tool (AnyDesk) session',
  ],
  other: ['SURICATA STREAM excessive retransmissions', 'SURICATA Applayer Detect protocol only one direction'],
};

/** Severity mix per category: [low, medium, high, critical] weights. */
export const SEVERITY_MIX: Readonly<Record<Category, readonly [number, number, number, number]>> = {
  scan: [92, 8, 0, 0],
  spoof: [92, 8, 0, 0],
  malware: [0, 40, 55, 5],
  combined: [86, 13, 1, 0],
  targeted: [0, 0, 20, 80],
  policy: [90, 10, 0, 0],
  other: [95, 5, 0, 0],
};

