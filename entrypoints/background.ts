export default defineBackground(() => {
  // Listeners are registered synchronously here (a killed worker must wake to the same
  // listeners); the logic lives in lib/.
});
