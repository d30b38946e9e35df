// For work that holds the extension host's thread (loading dist/backend.js takes hundreds of milliseconds): run
// it once VS Code has been sent the answers made so far. The extension host's RPC sends a message on a timer set
// when the answer is made; a timer set from setImmediate comes after it, where a plain setTimeout(0) set earlier
// would go first and hold the answer back.
export function afterReplies(work: () => void): void {
  setImmediate(() => {
    setTimeout(work, 0);
  });
}
