/**
 * The strict-CSP page's first script: records every CSP violation from then on (module scripts run
 * in document order, so this listener is in place before the element loads).
 */
const violations: string[] = [];
(window as unknown as {cspViolations: string[]}).cspViolations = violations;
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(
    `${e.effectiveDirective}: ${e.blockedURI || 'inline'} ${e.sample} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})`,
  );
});
