// The main job. For now it announces itself; the core issue makes it validate the example dataset.
console.log('Vigil main job: nothing to do yet.');
