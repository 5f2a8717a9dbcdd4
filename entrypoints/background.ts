export default defineBackground(() => {
  // Wired in lib-free modules under entrypoints/background/*; see DEVELOPERS.md.
});
